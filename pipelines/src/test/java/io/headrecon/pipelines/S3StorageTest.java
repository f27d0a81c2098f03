package io.headrecon.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.io.Ply;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectMetrics;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** End to end through s3:// paths against an in-process S3 server (s3proxy, in memory). */
public class S3StorageTest {
  @Rule public final TemporaryFolder temp = new TemporaryFolder();

  static final String ACCESS_KEY = "headrecon-test";
  static final String SECRET_KEY = "headrecon-test-secret";
  static final String BUCKET = "studio-archive";

  @Test
  public void readsAndWritesThroughS3() throws Exception {
    Properties properties = new Properties();
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .overrides(properties)
            .build(BlobStoreContext.class);
    BlobStore store = context.getBlobStore();
    store.createContainerInLocation(null, BUCKET);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .awsAuthentication(
                org.gaul.s3proxy.AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .ignoreUnknownHeaders(true)
            .build();
    proxy.start();
    try {
      while (!proxy.getState().equals("STARTED")) {
        Thread.sleep(10);
      }
      String endpoint = "http://127.0.0.1:" + proxy.getPort();
      String subject = TestData.subjects().get(0);
      Path local = temp.newFolder("in").toPath();
      TestData.copySubjectViews(subject, local, TestData.FEW_VIEWS);
      try (Stream<Path> files = Files.walk(local)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          if (Files.isRegularFile(f)) {
            String key = "nightly/2026-11-24/" + local.relativize(f).toString().replace('\\', '/');
            store.putBlob(BUCKET, store.blobBuilder(key).payload(Files.readAllBytes(f)).build());
          }
        }
      }

      ReconstructHeadsOptions options =
          ReconstructHeadsTest.options(
              "s3://" + BUCKET + "/nightly/2026-11-24",
              "s3://" + BUCKET + "/results/2026-11-24",
              "--awsRegion=us-east-1",
              "--endpoint=" + endpoint,
              "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\""
                  + ACCESS_KEY
                  + "\",\"secretAccessKey\":\""
                  + SECRET_KEY
                  + "\"}",
              "--s3ClientFactoryClass=" + PathStyleS3ClientBuilderFactory.class.getName());
      PipelineResult result = ReconstructHeads.run(options);
      assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

      int views = TestData.FEW_VIEWS.length;
      String summary = read(store, "results/2026-11-24/summary.csv");
      assertThat(summary.lines().toList())
          .hasSize(2)
          .satisfies(
              lines ->
                  assertThat(lines.get(1))
                      .startsWith(subject + ",ok," + views + "," + views + ","));
      SubjectMetrics metrics =
          ProtoJson.fromJson(
              read(store, "results/2026-11-24/" + subject + "/metrics.json"),
              SubjectMetrics.newBuilder(),
              "metrics.json");
      assertThat(metrics.getChamferMeanMm()).isLessThan(1.5);
      byte[] ply = readBytes(store, "results/2026-11-24/" + subject + "/fused.ply");
      PointCloud fused = Ply.readCloud(new ByteArrayInputStream(ply), "fused.ply");
      assertThat(fused.size()).isEqualTo(metrics.getFusedPointCount());
      assertThat(read(store, "results/2026-11-24/failures.jsonl")).isBlank();

      // A rerun on the object store skips the finished subject and leaves no temporary name.
      PipelineResult rerun = ReconstructHeads.run(options);
      assertThat(rerun.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
      assertThat(RunOutputs.counter(rerun, RunProgress.SKIPPED_COUNTER)).isEqualTo(1);
      assertThat(read(store, "results/2026-11-24/summary.csv")).isEqualTo(summary);
      java.util.List<String> keys = new java.util.ArrayList<>();
      for (var blob :
          store.list(
              BUCKET,
              org.jclouds.blobstore.options.ListContainerOptions.Builder.prefix("results/")
                  .recursive())) {
        keys.add(blob.getName());
      }
      assertThat(keys)
          .contains("results/2026-11-24/" + subject + "/metrics.json")
          .noneMatch(k -> k.contains("/.~"));
    } finally {
      proxy.stop();
      context.close();
    }
  }

  private static String read(BlobStore store, String key) throws Exception {
    return new String(readBytes(store, key), StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(BlobStore store, String key) throws Exception {
    var blob = store.getBlob(BUCKET, key);
    assertThat(blob).as("s3://" + BUCKET + "/" + key).isNotNull();
    try (var in = blob.getPayload().openStream()) {
      return in.readAllBytes();
    }
  }
}
