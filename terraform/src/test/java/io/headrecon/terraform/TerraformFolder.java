package io.headrecon.terraform;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the Terraform configuration lives: {@code <repository root>/terraform}. */
final class TerraformFolder {

  private TerraformFolder() {}

  /** The terraform/ folder, found from the {@code headrecon.root} property or the module dir. */
  static Path path() {
    String root = System.getProperty("headrecon.root");
    Path folder =
        root != null && !root.isBlank()
            ? Path.of(root).resolve("terraform")
            : Path.of("").toAbsolutePath();
    if (!Files.isRegularFile(folder.resolve("variables.tf"))) {
      throw new IllegalStateException("no Terraform configuration (variables.tf) in " + folder);
    }
    return folder;
  }
}
