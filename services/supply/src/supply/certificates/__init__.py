"""Local-production certificates: a supplier counts as local while one is in force (from
its issue date to its expiry date, as membership status is read from its dates), and 30
days before one expires its supplier is told, once."""
