package io.headrecon.transforms.io;

import io.headrecon.proto.FailureRecord;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Builds {@link FailureRecord}s, the dead-letter records that every stage writes. */
public final class Failures {
  private Failures() {}

  /** A failure of one subject ({@code viewId} empty) or one view, with the cause's stack trace. */
  public static FailureRecord of(
      String subjectId, String viewId, String stage, String inputUri, Throwable cause) {
    StringWriter trace = new StringWriter();
    cause.printStackTrace(new PrintWriter(trace));
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return FailureRecord.newBuilder()
        .setSubjectId(nullToEmpty(subjectId))
        .setViewId(nullToEmpty(viewId))
        .setStage(stage)
        .setReason(reason)
        .setInputUri(nullToEmpty(inputUri))
        .setStackTrace(trace.toString())
        .build();
  }

  /** A failure without an exception (a rule that the input broke). */
  public static FailureRecord of(
      String subjectId, String viewId, String stage, String inputUri, String reason) {
    return FailureRecord.newBuilder()
        .setSubjectId(nullToEmpty(subjectId))
        .setViewId(nullToEmpty(viewId))
        .setStage(stage)
        .setReason(reason)
        .setInputUri(nullToEmpty(inputUri))
        .build();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
