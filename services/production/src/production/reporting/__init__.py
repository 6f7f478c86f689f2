"""Reporting deadlines: when each month's report is due, who reported on time, late or not
at all, reports an admin returned for revision, and the reminders before the due day."""
