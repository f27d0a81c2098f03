package io.headrecon.transforms.dataset;

import io.headrecon.synth.face.FaceModelFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/** The ICT face model's files read through Beam FileSystems (local, gs://, s3://). */
final class BeamFaceModelFiles implements FaceModelFiles {
  private final String directory;

  BeamFaceModelFiles(String directory) {
    this.directory = directory;
  }

  private ResourceId resource(String fileName) {
    return FileSystems.matchNewResource(directory, true)
        .resolve(fileName, StandardResolveOptions.RESOLVE_FILE);
  }

  @Override
  public InputStream open(String fileName) throws IOException {
    sizeBytes(fileName); // a clear FileNotFoundException when missing
    return Channels.newInputStream(FileSystems.open(resource(fileName)));
  }

  @Override
  public long sizeBytes(String fileName) throws IOException {
    MatchResult match = FileSystems.match(resource(fileName).toString());
    if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
      throw new FileNotFoundException(locate(fileName));
    }
    return match.metadata().get(0).sizeBytes();
  }

  @Override
  public String locate(String fileName) {
    return resource(fileName).toString();
  }
}
