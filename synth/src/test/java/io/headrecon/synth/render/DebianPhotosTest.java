package io.headrecon.synth.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Photos found by package name in a small fake Debian root made by the test. */
class DebianPhotosTest {
  @TempDir Path root;

  private void install() throws IOException {
    Path info = Files.createDirectories(root.resolve("var/lib/dpkg/info"));
    Files.writeString(
        info.resolve("fake-backgrounds.list"),
        String.join(
            "\n",
            "/.",
            "/usr/share/backgrounds/fake",
            "/usr/share/backgrounds/fake/nature/lake.png",
            "/usr/share/backgrounds/fake/abstract/logo.png",
            "/usr/share/backgrounds/fake/nature/icon.png",
            "/usr/share/backgrounds/fake/nature/notes.txt",
            "/usr/share/doc/fake-backgrounds/copyright"));
    Files.writeString(
        root.resolve("var/lib/dpkg/status"),
        "Package: other\nVersion: 9\n\nPackage: fake-backgrounds\nStatus: install ok installed\n"
            + "Version: 1.2-3\n");
    Path doc = Files.createDirectories(root.resolve("usr/share/doc/fake-backgrounds"));
    Files.writeString(
        doc.resolve("copyright"),
        String.join(
            "\n",
            "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/",
            "Upstream-Name: fake",
            "",
            "Files: *",
            "Copyright: 2020, Someone",
            "License: GPL-2+",
            "",
            "Files: nature/lake.png",
            "       nature/icon.png",
            "Copyright: 2021, A Photographer <a@example.org>",
            "           2022, Another",
            "License: CC-BY-SA-4.0",
            " Attribution-ShareAlike 4.0 International",
            ""));
    Path images = Files.createDirectories(root.resolve("usr/share/backgrounds/fake/nature"));
    Files.createDirectories(root.resolve("usr/share/backgrounds/fake/abstract"));
    BufferedImage lake = new BufferedImage(800, 500, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 500; y++) {
      for (int x = 0; x < 800; x++) {
        lake.setRGB(x, y, y < 250 ? 0x3070C0 : 0x206030);
      }
    }
    ImageIO.write(lake, "png", images.resolve("lake.png").toFile());
    ImageIO.write(
        lake, "png", root.resolve("usr/share/backgrounds/fake/abstract/logo.png").toFile());
    ImageIO.write(
        new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB),
        "png",
        images.resolve("icon.png").toFile());
    Files.writeString(images.resolve("notes.txt"), "not an image");
  }

  @Test
  void photosOfAnInstalledPackageComeWithTheirLicenceAndVersion() throws IOException {
    install();
    List<String> notes = new ArrayList<>();
    BackgroundPhotos photos =
        DebianPhotos.load(List.of("fake-backgrounds"), "**/nature/*", root, notes::add);
    assertThat(photos.photos()).hasSize(1); // logo.png is outside the glob, icon.png too small
    BackgroundPhotos.Photo lake = photos.photos().get(0);
    assertThat(lake.name()).isEqualTo("/usr/share/backgrounds/fake/nature/lake.png");
    assertThat(lake.packageName()).isEqualTo("fake-backgrounds");
    assertThat(lake.packageVersion()).isEqualTo("1.2-3");
    assertThat(lake.license()).isEqualTo("CC-BY-SA-4.0");
    assertThat(lake.copyright()).contains("A Photographer").contains("Another");
    assertThat(lake.sha256()).hasSize(64);
    assertThat(lake.widthPx()).isEqualTo(400); // 800 px reduced by 2 to fit 480
    assertThat(lake.heightPx()).isEqualTo(250);
    assertThat(notes).isEmpty();

    BackgroundPhotos all = DebianPhotos.load(List.of("fake-backgrounds"), "**", root, s -> {});
    assertThat(all.photos())
        .extracting(BackgroundPhotos.Photo::license)
        .containsExactly("GPL-2+", "CC-BY-SA-4.0"); // abstract/logo.png falls under "Files: *"

    // a crop of the photo: sky above, grass below
    Background b = photos.sample(new Random(3), 32, 32);
    float[] rgb = new float[3];
    int blue = 0;
    int green = 0;
    for (int y = 0; y < 32; y++) {
      b.colorAt(16, y, rgb);
      blue += rgb[2] > rgb[1] ? 1 : 0;
      green += rgb[1] > rgb[2] ? 1 : 0;
    }
    assertThat(blue + green).isEqualTo(32);
  }

  @Test
  void aMissingPackageIsReportedAndGivesNoPhotos() throws IOException {
    List<String> notes = new ArrayList<>();
    BackgroundPhotos photos =
        DebianPhotos.load(List.of("not-installed-backgrounds"), "**", root, notes::add);
    assertThat(photos.isEmpty()).isTrue();
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0))
        .contains("not-installed-backgrounds is not installed")
        .contains("apt-get install not-installed-backgrounds");
    assertThatThrownBy(() -> photos.sample(new Random(1), 8, 8))
        .hasMessageContaining("no background photos");
    assertThatThrownBy(() -> DebianPhotos.load(List.of("../etc"), "**", root, s -> {}))
        .hasMessageContaining("not a Debian package name");
  }
}
