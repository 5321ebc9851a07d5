// Placeholder so the manifest resolves; replaced by the issue that builds this module.
