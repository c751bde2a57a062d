package io.licensesatellite.platform.api;

import java.util.List;

/** The envelope of every paged admin API list: one page of items and the total across all pages. */
public record PageOf<T>(List<T> items, int page, int size, long total) {}
