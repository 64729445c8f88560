"""An application from its draft to the decision: its answers, who made it, the status machine
and stages, the queue, jurisdiction and deciding bodies."""
