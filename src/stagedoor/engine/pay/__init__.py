"""Money: an organisation's pay rules applied to calls (`rules`), and a worker's income
forecast from booked and offered work (`income`)."""
