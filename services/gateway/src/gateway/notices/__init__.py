"""Email notices: who is told what when an event happens, sent over SMTP once each."""
