"""The member registry: public entries, private details for admins and the member itself,
and the admins' upkeep (changes, suspension, reinstatement, expulsion)."""
