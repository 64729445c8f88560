"""Documents uploaded or brought on paper, reused from earlier applications, and the guide
videos with their captions."""
