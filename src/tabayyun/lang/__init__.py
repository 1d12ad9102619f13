"""Language identification, the search-form normaliser and sentence segmentation."""
