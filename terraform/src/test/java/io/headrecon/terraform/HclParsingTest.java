package io.headrecon.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openrewrite.hcl.tree.Hcl;

class HclParsingTest {

  @Test
  void everyTerraformFileParsesAsHcl2() throws IOException {
    Path folder = TerraformFolder.path();
    TerraformConfig config = TerraformConfig.load(folder);

    try (Stream<Path> listing = Files.list(folder)) {
      long tfFiles = listing.filter(p -> p.toString().endsWith(".tf")).count();
      assertThat(config.fileNames()).hasSize((int) tfFiles);
    }
    assertThat(config.fileNames())
        .contains("versions.tf", "variables.tf", "outputs.tf", "iam.tf", "buckets.tf");
    assertThat(config.resources("google_storage_bucket")).hasSize(3);
    assertThat(config.resources("google_artifact_registry_repository")).hasSize(1);
    assertThat(config.resources("google_dataflow_flex_template_job")).hasSize(1);
    assertThat(config.resources("google_cloud_scheduler_job")).hasSize(1);
    assertThat(config.blocks("output")).isNotEmpty();
  }

  @Test
  void parsesTheHcl2ExpressionsTheConfigurationUses() {
    String source =
        """
        locals {
          keys   = { for k, v in var.labels : k => "${v}-x" if v != "" }
          list   = [for s in ["a", "b"] : upper(s)]
          pick   = var.n > 2 ? "big" : "small"
          splat  = google_storage_bucket.b[*].name
          escape = "$${workflow.expression}"
          doc    = <<-EOT
            hello ${var.region}
          EOT
        }
        resource "x" "y" {
          dynamic "rule" {
            for_each = var.n > 1 ? [1] : []
            content {
              v = rule.value
            }
          }
        }
        """;

    Hcl.ConfigFile tree = HclParsing.parse("expressions.tf", source);

    assertThat(tree.getBody()).hasSize(2);
    assertThat(tree.printAll()).isEqualTo(source);
    assertThat(HclTrees.references(tree)).contains("var.labels", "var.n", "var.region");
  }

  @Test
  void rejectsTextThatIsNotHcl2() {
    assertThatThrownBy(
            () -> HclParsing.parse("missing-value.tf", "resource \"a\" \"b\" {\n  x =\n}\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing-value.tf is not valid HCL2");
    assertThatThrownBy(() -> HclParsing.parse("unclosed.tf", "resource \"a\" \"b\" {\n  x = 1\n"))
        .hasMessageContaining("unclosed.tf is not valid HCL2");
    assertThatThrownBy(
            () -> HclParsing.parse("list.tf", "variable \"x\" {\n  default = [1, 2\n}\n"))
        .hasMessageContaining("list.tf is not valid HCL2");
    assertThatThrownBy(() -> HclParsing.parse("string.tf", "x = \"unterminated\n"))
        .hasMessageContaining("string.tf is not valid HCL2");
  }
}
