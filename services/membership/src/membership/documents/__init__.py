"""Documents an applicant attaches to its application: a business plan, licences, the
registration certificate."""
