package mercato.payment;

/**
 * What one row of a payment's transactions records, stored and answered as {@link #text}.
 * Rows are only written with it: they are answered as stored.
 */
enum TransactionKind {
  AUTHORIZATION("authorization"),
  CAPTURE("capture"),
  REFUND("refund"),
  FAILURE("failure");

  final String text;

  TransactionKind(String text) {
    this.text = text;
  }
}
