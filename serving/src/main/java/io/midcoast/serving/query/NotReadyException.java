package io.midcoast.serving.query;

/** State cannot be queried right now (starting, restoring, rebalancing): answer 503. */
public final class NotReadyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotReadyException(final String message) {
    super(message);
  }

  public NotReadyException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
