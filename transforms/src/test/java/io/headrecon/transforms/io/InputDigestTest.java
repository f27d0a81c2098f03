package io.headrecon.transforms.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input digest changes with every file's name and bytes and with the options, only. */
class InputDigestTest {
  @TempDir Path temp;

  @Test
  void digestFollowsFilesAndOptions() throws IOException {
    Path subject = temp.resolve("s1");
    Files.createDirectories(subject.resolve("gt"));
    Files.write(subject.resolve("a.png"), new byte[] {1, 2, 3});
    Files.writeString(subject.resolve("manifest.json"), "{}");
    Files.write(subject.resolve("gt/a_depth.png"), new byte[] {4});
    String folder = subject + "/";
    String options = InputDigest.options(Map.of("voxelSizeMm", "1.0", "depthSource", "model"));
    assertThat(options).isEqualTo("v1;depthSource=model;voxelSizeMm=1.0");

    String first = InputDigest.of(options, folder);
    assertThat(first).startsWith("sha256:").hasSize(7 + 64);
    assertThat(InputDigest.of(options, folder)).isEqualTo(first);
    assertThat(InputDigest.of(options.replace("1.0", "2.0"), folder)).isNotEqualTo(first);

    Files.write(subject.resolve("gt/a_depth.png"), new byte[] {5}); // same size, other bytes
    String changed = InputDigest.of(options, folder);
    assertThat(changed).isNotEqualTo(first);
    Files.write(subject.resolve("gt/a_depth.png"), new byte[] {4});
    assertThat(InputDigest.of(options, folder)).isEqualTo(first);

    Files.move(subject.resolve("a.png"), subject.resolve("b.png"));
    assertThat(InputDigest.of(options, folder)).isNotEqualTo(first);
  }

  @Test
  void linksAreNotFollowed() throws IOException {
    Path subject = temp.resolve("s1");
    Files.createDirectories(subject);
    Files.write(subject.resolve("a.png"), new byte[] {1});
    Path outside = temp.resolve("outside.bin");
    Files.write(outside, new byte[] {1});
    Files.createSymbolicLink(subject.resolve("loop"), subject); // a loop: not walked into
    Files.createSymbolicLink(subject.resolve("b.png"), outside);
    String folder = subject + "/";
    String first = InputDigest.of("v1", folder);
    Files.write(outside, new byte[] {2}); // not read through the link
    assertThat(InputDigest.of("v1", folder)).isEqualTo(first);
  }
}
