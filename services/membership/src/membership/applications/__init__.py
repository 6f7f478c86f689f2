"""Applications to join the cluster: submission, the review steps, the audit trail and the
applicant's access token."""
