"""Wire copy and syndication: which articles are agency copy, and which paragraphs outlets share."""
