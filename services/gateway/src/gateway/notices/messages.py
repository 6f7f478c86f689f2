"""What each kind of notice says: a subject and a few lines, as catalog messages with
``{name}`` parameters filled from the event (and the links the sender adds). The
templates (``templates/notice.txt``, ``notice.html``) lay them out."""

from __future__ import annotations

from clusterkit.i18n import N_

# kind -> (subject, lines)
MESSAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "application_received": (
        N_("We received the application of {legal_name}"),
        (
            N_("Thank you: {legal_name} applied to join the Copper Industry Cluster."),
            N_("Follow its review on the status page: {status_url}"),
        ),
    ),
    "new_application": (
        N_("New application: {legal_name}"),
        (N_("{legal_name} (STIR {stir}) applied to join the cluster."),),
    ),
    "information_requested": (
        N_("More information is needed for your application"),
        (
            N_("The Cluster Development Service asks for more information: {reason}"),
            N_("Answer on the status page: {status_url}"),
        ),
    ),
    "application_approved": (
        N_("Your application was approved"),
        (N_("Welcome to the Copper Industry Cluster: your company is a member now."),),
    ),
    "application_rejected": (
        N_("Your application was rejected"),
        (N_("The Cluster Development Service rejected the application. Reason: {reason}"),),
    ),
    "membership_suspended": (
        N_("Your membership is suspended"),
        (N_("Your cluster membership is suspended. Reason: {reason}"),),
    ),
    "membership_reinstated": (
        N_("Your membership is reinstated"),
        (N_("Your cluster membership is active again."),),
    ),
    "report_due": (
        N_("Your production report for {period} is due on {due_date}"),
        (N_("The report for {period} has not been received yet. It is due on {due_date}."),),
    ),
    "report_returned": (
        N_("Your report for {period} was returned"),
        (
            N_("The figure {metric} for {period} was returned to be revised: {reason}"),
            N_("Please report it again with the corrected value."),
        ),
    ),
    "offer_received": (
        N_("A new offer on your request"),
        (N_("A supplier made an offer on your request for quotation, total {total}."),),
    ),
    "order_shipped": (
        N_("Your order was shipped"),
        (N_("The supplier shipped your order {order_id}."),),
    ),
    "request_in_your_categories": (
        N_("A new request for quotation in your categories"),
        (N_("A cluster member asks for quotations in: {categories}. Needed by {needed_by}."),),
    ),
    "offer_accepted": (
        N_("Your offer was accepted"),
        (N_("Your offer was accepted: order {order_id}, total {total}."),),
    ),
    "offer_declined": (
        N_("Your offer was declined"),
        (N_("Your offer was declined. Reason: {reason}"),),
    ),
    "certificate_expiring": (
        N_("Your local-production certificate expires on {expires_on}"),
        (N_("Certificate {number} expires on {expires_on}. Upload its renewal to stay local."),),
    ),
}
OPT_OUT = N_("Copper Cluster Platform. To stop notices of this kind: {opt_out_url}")
GREETING = N_("Hello,")
