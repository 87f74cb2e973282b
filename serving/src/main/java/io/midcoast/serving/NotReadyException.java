package io.midcoast.serving;

/** State cannot be queried right now (starting, restoring, rebalancing): answer 503. */
final class NotReadyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  NotReadyException(final String message) {
    super(message);
  }

  NotReadyException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
