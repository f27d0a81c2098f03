package io.headrecon.synth.dataset;

import io.headrecon.proto.BackgroundPhoto;
import io.headrecon.proto.DatasetRecord;
import io.headrecon.synth.render.BackgroundPhotos;
import java.util.List;
import java.util.Locale;

/**
 * The dataset-level record of a generated dataset ({@value #FILE} under the output prefix, a {@link
 * DatasetRecord}): the look and its settings, every background photograph with where it came from
 * and its licence, and the generator's notes (e.g. a photo package that is not installed). Written
 * for the realistic look only (the legacy look writes exactly what it always wrote).
 */
public final class DatasetMetadata {
  /** File name under the output prefix. */
  public static final String FILE = "dataset.json";

  private DatasetMetadata() {}

  /** The record of a dataset made with {@code spec}. */
  public static DatasetRecord record(DatasetSpec spec, List<String> notes) {
    DatasetRecord.Builder b =
        DatasetRecord.newBuilder()
            .setLook(spec.look.name().toLowerCase(Locale.ROOT))
            .setSeed(spec.seed)
            .setCropScaleJitter(spec.cropScaleJitter)
            .setCropOffsetJitterPx(spec.cropOffsetJitterPx)
            .setCropRollJitterDeg(spec.cropRollJitterDeg)
            .setCameraEffects(spec.cameraEffects)
            .setMinJpegQuality(spec.minJpegQuality)
            .setMaxJpegQuality(spec.maxJpegQuality)
            .addAllNotes(notes);
    spec.hairStyles.forEach(s -> b.addHairStyles(s.name().toLowerCase(Locale.ROOT)));
    spec.garments.forEach(g -> b.addGarments(g.name().toLowerCase(Locale.ROOT)));
    for (BackgroundPhotos.Photo p : spec.backgroundPhotos.photos()) {
      b.addBackgroundPhotos(
          BackgroundPhoto.newBuilder()
              .setFile(p.name())
              .setPackage(p.packageName())
              .setPackageVersion(p.packageVersion())
              .setLicense(p.license())
              .setCopyright(p.copyright())
              .setSha256(p.sha256())
              .setStoredWidthPx(p.widthPx())
              .setStoredHeightPx(p.heightPx()));
    }
    return b.build();
  }
}
