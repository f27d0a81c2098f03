package io.headrecon.transforms.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headrecon.geometry.fusion.FusionInput;
import io.headrecon.proto.Contracts;
import io.headrecon.proto.FailureRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The listing's bounds and literal reading, without a pipeline. */
public class SubjectListingTest {
  @Rule public final TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void theViewLimitCheckedBeforeDecodingIsFusionsLimit() {
    assertThat(Contracts.MAX_VIEWS).isEqualTo(FusionInput.MAX_VIEWS);
  }

  @Test
  public void aLiteralInputWithGlobCharactersListsOnlyItself() throws Exception {
    Path root = temp.getRoot().toPath();
    Files.createDirectories(root.resolve("in[ab]/s1"));
    Files.write(root.resolve("in[ab]/s1/a.png"), new byte[] {1});
    Files.createDirectories(root.resolve("ina/decoy"));
    Files.write(root.resolve("ina/decoy/a.png"), new byte[] {1});
    List<String> entries = new ArrayList<>();
    List<FailureRecord> failures = new ArrayList<>();
    SubjectListing.Sink sink =
        new SubjectListing.Sink() {
          @Override
          public void entry(String subjectId, String uri) {
            entries.add(subjectId + " " + uri);
          }

          @Override
          public void failure(FailureRecord failure) {
            failures.add(failure);
          }
        };
    SubjectListing.list(root.resolve("in[ab]").toString(), false, sink);
    assertThat(entries)
        .containsExactly(
            "s1 " + root.resolve("in[ab]/s1") + "/", "s1 " + root.resolve("in[ab]/s1/a.png"));
    assertThat(failures).isEmpty();
    assertThat(BeamFiles.read(root.resolve("in[ab]/s1/a.png").toString(), 10)).hasSize(1);
    entries.clear();
    // As a glob it matches subject folders in "ina" (and "inb"), not the literal "in[ab]".
    SubjectListing.list(root.resolve("in[ab]") + "/*", true, sink);
    assertThat(entries)
        .containsExactly(
            "decoy " + root.resolve("ina/decoy") + "/", "decoy " + root.resolve("ina/decoy/a.png"));
  }

  @Test
  public void readsRefuseDirectoriesAndOversizedFiles() throws Exception {
    Path dir = temp.newFolder("x.png").toPath();
    assertThatThrownBy(() -> BeamFiles.read(dir.toString(), 10))
        .hasMessageContaining("x.png")
        .hasMessageContaining("not a regular file");
    Path big = temp.getRoot().toPath().resolve("big.png");
    Files.write(big, new byte[11]);
    assertThatThrownBy(() -> BeamFiles.read(big.toString(), 10))
        .hasMessageContaining("larger than 10 bytes");
  }
}
