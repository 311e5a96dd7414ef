"""The participant record: contact notes, follow-ups and consents of one person."""
