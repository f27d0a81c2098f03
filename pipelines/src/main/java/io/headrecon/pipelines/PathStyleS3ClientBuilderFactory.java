package io.headrecon.pipelines;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * S3 clients with path-style access ({@code http://host/bucket/key}), which S3-compatible stores
 * such as MinIO or s3proxy need at a custom {@code --endpoint}. Pass {@code
 * --s3ClientFactoryClass=io.headrecon.pipelines.PathStyleS3ClientBuilderFactory}.
 */
public class PathStyleS3ClientBuilderFactory implements S3ClientBuilderFactory {
  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    return new DefaultS3ClientBuilderFactory().createBuilder(options).forcePathStyle(true);
  }
}
