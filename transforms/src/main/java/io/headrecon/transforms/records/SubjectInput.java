package io.headrecon.transforms.records;

import io.headrecon.proto.SubjectManifest;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A listed subject with its manifest parsed once, by {@code ReadViews}: what the per-subject
 * grouping and the ground-truth step need to know about the subject.
 *
 * @param files the subject's files found under the input prefix
 * @param manifest the parsed manifest with every ground-truth URI resolved to an absolute one, or
 *     {@link SubjectManifest#getDefaultInstance()} when the subject has no manifest
 */
@DefaultCoder(SubjectInputCoder.class)
public record SubjectInput(SubjectFiles files, SubjectManifest manifest) {

  public String subjectId() {
    return files.subjectId();
  }

  /** The resolved ground-truth mesh URI of the manifest, or empty when it names none. */
  public String groundTruthMeshUri() {
    return manifest.getGroundTruth().getMeshUri();
  }
}
