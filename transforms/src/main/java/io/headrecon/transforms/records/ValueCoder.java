package io.headrecon.transforms.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * Java serialization for the pipeline's record types that hold primitive arrays (images, depth
 * maps, clouds). Unlike {@link SerializableCoder} it compares elements by their encoded bytes, so
 * the DirectRunner's mutation checks work for records whose {@code equals} compares arrays by
 * identity.
 */
public final class ValueCoder<T extends Serializable> extends CustomCoder<T> {
  private final SerializableCoder<T> delegate;

  private ValueCoder(Class<T> type) {
    this.delegate = SerializableCoder.of(type);
  }

  public static <T extends Serializable> ValueCoder<T> of(Class<T> type) {
    return new ValueCoder<>(type);
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    delegate.encode(value, out);
  }

  @Override
  public T decode(InputStream in) throws IOException {
    return delegate.decode(in);
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(this, "Java serialization is not deterministic");
  }
}
