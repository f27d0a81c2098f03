package io.headrecon.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManifestUrisTest {

  @Test
  void relativeUrisResolveAgainstTheManifestsDirectory() {
    assertThat(ManifestUris.resolve("gs://b/ds/subject-0001/manifest.json", "yaw_p030.png"))
        .isEqualTo("gs://b/ds/subject-0001/yaw_p030.png");
    assertThat(ManifestUris.resolve("/data/ds/subject-0001/manifest.json", "gt/mesh.ply"))
        .isEqualTo("/data/ds/subject-0001/gt/mesh.ply");
    assertThat(ManifestUris.resolve("manifest.json", "a.png")).isEqualTo("a.png");
  }

  @Test
  void absoluteOrEscapingUrisAreRefusedNamingTheManifest() {
    for (String bad :
        new String[] {
          "s3://bucket/a.png",
          "/local/a.png",
          "file:/etc/passwd",
          "C:/x.png",
          "../other/a.png",
          "gt/../../a.png",
          "gt//a.png",
          "./a.png",
          "gt\\a.png",
          "gt/"
        }) {
      assertThatThrownBy(() -> ManifestUris.resolve("/x/s/manifest.json", bad))
          .as(bad)
          .isInstanceOf(ContractViolationException.class)
          .hasMessageContaining("/x/s/manifest.json")
          .hasMessageContaining(bad);
    }
    assertThatThrownBy(() -> ManifestUris.resolve("/x/manifest.json", ""))
        .hasMessageContaining("/x/manifest.json");
  }
}
