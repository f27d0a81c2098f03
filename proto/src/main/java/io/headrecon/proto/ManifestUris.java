package io.headrecon.proto;

/**
 * Resolution of the URIs inside a subject manifest. Every URI (e.g. {@code "yaw_p030.png"} or
 * {@code "gt/mesh.ply"}) is relative to the directory holding the manifest and must stay inside it:
 * a URI with a scheme ({@code gs://}, {@code file:/…}), an absolute path or a {@code ..} segment is
 * refused ({@link Contracts#checkRelativeUri}), so a manifest cannot make the pipeline read outside
 * its subject folder.
 */
public final class ManifestUris {
  private ManifestUris() {}

  /**
   * Resolves {@code uri} found in the manifest at {@code manifestUri}.
   *
   * @param manifestUri where the manifest was read, e.g. {@code
   *     gs://b/ds/subject-0001/manifest.json}
   * @param uri a relative URI from the manifest
   * @throws ContractViolationException naming the manifest when {@code uri} is empty, absolute or
   *     leaves the manifest's folder
   */
  public static String resolve(String manifestUri, String uri) {
    if (uri == null || uri.isEmpty()) {
      throw new ContractViolationException(manifestUri + ": empty URI in the manifest");
    }
    Contracts.checkRelativeUri(uri, manifestUri + ": URI");
    int slash = manifestUri.lastIndexOf('/');
    String dir = slash < 0 ? "" : manifestUri.substring(0, slash + 1);
    return dir + uri;
  }

  /** Whether {@code uri} has a scheme (also a Windows drive letter) or is an absolute path. */
  public static boolean isAbsolute(String uri) {
    return uri.startsWith("/") || uri.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
  }
}
