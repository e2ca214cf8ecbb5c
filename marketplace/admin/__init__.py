"""The national back office at ``/admin/`` (admins only): the companies of the
network, the people who work in it, and what they did."""
