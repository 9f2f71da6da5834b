#include "store/migrations.h"

namespace tidings::store {

const std::vector<std::string>& SqliteMigrations() {
  static const std::vector<std::string> kMigrations = {
      // 1: the initial schema.
      R"sql(
CREATE TABLE publishers (
  id INTEGER PRIMARY KEY,
  host TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  country TEXT NOT NULL DEFAULT '',
  score REAL NOT NULL DEFAULT 0,
  score_breakdown TEXT NOT NULL DEFAULT ''
);
CREATE TABLE feeds (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL DEFAULT '',
  site_url TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  publisher_name TEXT NOT NULL DEFAULT '',
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  last_fetched_at INTEGER,
  last_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  error_streak INTEGER NOT NULL DEFAULT 0,
  item_count INTEGER NOT NULL DEFAULT 0,
  interval_seconds INTEGER NOT NULL DEFAULT 0,
  next_due_at INTEGER,
  hub_url TEXT NOT NULL DEFAULT '',
  self_url TEXT NOT NULL DEFAULT ''
);
CREATE INDEX feeds_due ON feeds(next_due_at);
CREATE TABLE stories (
  id INTEGER PRIMARY KEY,
  headline TEXT NOT NULL,
  representative_article_id INTEGER,
  first_article_id INTEGER,
  first_seen_at INTEGER NOT NULL,
  last_updated_at INTEGER NOT NULL,
  article_count INTEGER NOT NULL DEFAULT 0,
  publisher_count INTEGER NOT NULL DEFAULT 0,
  category TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX stories_updated ON stories(last_updated_at DESC);
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  canonical_url TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  byline TEXT NOT NULL DEFAULT '',
  published_at INTEGER,
  modified_at INTEGER,
  fetched_at INTEGER NOT NULL,
  language TEXT NOT NULL DEFAULT '',
  site_name TEXT NOT NULL DEFAULT '',
  image_url TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  section TEXT NOT NULL DEFAULT '',
  paywalled INTEGER NOT NULL DEFAULT 0,
  paragraphs TEXT NOT NULL DEFAULT '[]',
  html TEXT NOT NULL DEFAULT '',
  publisher_id INTEGER NOT NULL REFERENCES publishers(id),
  feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
  category TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  word_count INTEGER NOT NULL DEFAULT 0,
  summary TEXT NOT NULL DEFAULT '[]',
  summary_reading_seconds INTEGER NOT NULL DEFAULT 0,
  original_reading_seconds INTEGER NOT NULL DEFAULT 0,
  simhash INTEGER NOT NULL DEFAULT 0,
  content_hash INTEGER NOT NULL DEFAULT 0,
  score REAL NOT NULL DEFAULT 0,
  score_breakdown TEXT NOT NULL DEFAULT '',
  story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL,
  sort_time INTEGER NOT NULL
);
CREATE INDEX articles_sort ON articles(sort_time DESC, id DESC);
CREATE INDEX articles_publisher ON articles(publisher_id, sort_time DESC);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body,
  tokenize = 'unicode61 remove_diacritics 2');
)sql",
  };
  return kMigrations;
}

}  // namespace tidings::store
