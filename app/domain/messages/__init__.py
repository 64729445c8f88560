"""What is sent to people: the text-message outbox and letters."""
