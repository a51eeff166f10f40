# The careers app has no models of its own: it reads roles, workers, positions and
# bookings, which their own apps administer.
