package mercato.email;

/** What goes out: a one-line subject and at least one of the two bodies. */
record RenderedMail(String subject, String html, String text) {}
