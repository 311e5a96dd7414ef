"""Small input widgets shared by the forms."""
