"""Documents attached in supply: a supplier's local-production certificates, a request's
specifications, an offer's quotation."""
