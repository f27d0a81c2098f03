package io.headrecon.proto;

/** A message that breaks the data contract; the text names the source and the field. */
public class ContractViolationException extends RuntimeException {
  public ContractViolationException(String message) {
    super(message);
  }

  public ContractViolationException(String message, Throwable cause) {
    super(message, cause);
  }
}
