"""The national back office at ``/admin/`` (admins only): the companies of the
network, the people who work in it, the categories of listings, and what they did."""
