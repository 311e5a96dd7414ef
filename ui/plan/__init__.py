"""The Förderplan in the record editor: the plan tab, its dialogs and the print preview."""
