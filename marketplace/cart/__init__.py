"""The shopping cart: in the signed session cookie for visitors, in the database for
signed-in users, merged into the account on sign-in."""
