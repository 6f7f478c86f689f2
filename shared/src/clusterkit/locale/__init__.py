"""The gettext catalogs (``messages.pot``, ``<language>/LC_MESSAGES/messages.po``) and the
commands that keep them (:mod:`clusterkit.locale.catalogs`)."""
