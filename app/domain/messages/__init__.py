"""What is sent to people: the text-message outbox and letters.

A message is written into the outbox with the change that causes it and sent later by a sender;
everyone who did not choose text messages gets a letter with the same words, which staff print.
The words, in the recipient's language, are composed in the web layer (app/web/messages.py);
what is sent, to whom and when belongs here.
"""
