"""One widget per module; widgets take attributes down and post messages up."""
