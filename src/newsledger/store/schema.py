"""The DuckDB schema of a ledger, as numbered migrations.

Each migration runs once, inside a transaction, and is recorded in
``migrations`` (the idea of sqlite-utils' ``migrations.py``). Lists and nested
values that SQL rarely filters on are JSON text; figures that it does
(casualty ranges) are flat columns.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial ledger tables",
        """
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            seq BIGINT NOT NULL,
            source VARCHAR NOT NULL,
            title VARCHAR,
            url VARCHAR,
            outlet VARCHAR,
            published VARCHAR,
            published_source VARCHAR NOT NULL,
            published_confidence DOUBLE,
            published_evidence VARCHAR NOT NULL DEFAULT '[]',
            language VARCHAR,
            text VARCHAR NOT NULL,
            words INTEGER NOT NULL,
            minhash BLOB,
            terms VARCHAR NOT NULL DEFAULT '[]',
            duplicate_of VARCHAR,
            story VARCHAR,
            extractors VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        );
        CREATE TABLE mentions (
            article VARCHAR NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            cluster VARCHAR,
            entity VARCHAR
        );
        CREATE TABLE local_entities (
            id VARCHAR PRIMARY KEY,
            article VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            aliases VARCHAR NOT NULL,
            entity VARCHAR
        );
        CREATE TABLE entities (
            id VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            aliases VARCHAR NOT NULL
        );
        CREATE TABLE entity_keys (
            key VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            entity VARCHAR NOT NULL
        );
        CREATE TABLE times (
            article VARCHAR NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            value VARCHAR,
            anchor VARCHAR
        );
        CREATE TABLE statements (
            id VARCHAR PRIMARY KEY,
            article VARCHAR NOT NULL,
            speaker VARCHAR,
            speaker_local VARCHAR,
            speaker_text VARCHAR,
            speaker_kind VARCHAR,
            cue VARCHAR NOT NULL,
            content VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            channel VARCHAR,
            reported_by VARCHAR,
            date VARCHAR,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            speaker_start INTEGER,
            speaker_end INTEGER,
            cue_start INTEGER,
            cue_end INTEGER,
            content_start INTEGER,
            content_end INTEGER,
            parent VARCHAR,
            assumptions VARCHAR NOT NULL DEFAULT '[]',
            extractor VARCHAR NOT NULL
        );
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            article VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            trigger VARCHAR NOT NULL,
            agents VARCHAR NOT NULL,
            patients VARCHAR NOT NULL,
            place VARCHAR,
            date VARCHAR,
            date_text VARCHAR,
            killed_min INTEGER, killed_max INTEGER, killed_text VARCHAR,
            killed_start INTEGER, killed_end INTEGER, killed_qualifier VARCHAR,
            injured_min INTEGER, injured_max INTEGER, injured_text VARCHAR,
            injured_start INTEGER, injured_end INTEGER, injured_qualifier VARCHAR,
            source VARCHAR NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            trigger_start INTEGER,
            trigger_end INTEGER,
            aligned VARCHAR,
            extractor VARCHAR NOT NULL
        );
        CREATE TABLE stories (
            id VARCHAR PRIMARY KEY,
            title VARCHAR
        );
        CREATE TABLE story_links (
            article VARCHAR NOT NULL,
            story VARCHAR NOT NULL,
            matched VARCHAR,
            score DOUBLE,
            shared VARCHAR NOT NULL DEFAULT '[]'
        );
        CREATE TABLE article_features (
            article VARCHAR NOT NULL,
            feature VARCHAR NOT NULL
        );
        CREATE TABLE discrepancies (
            id VARCHAR PRIMARY KEY,
            story VARCHAR NOT NULL,
            facet VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            claims VARCHAR NOT NULL,
            event VARCHAR,
            note VARCHAR
        );
        CREATE TABLE input_errors (
            source VARCHAR NOT NULL,
            line INTEGER,
            stage VARCHAR,
            message VARCHAR NOT NULL,
            occurred_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        );
        CREATE INDEX mentions_article ON mentions(article);
        CREATE INDEX statements_article ON statements(article);
        CREATE INDEX events_article ON events(article);
        CREATE INDEX entity_keys_key ON entity_keys(key);
        CREATE INDEX article_features_feature ON article_features(feature);
        """,
    ),
    (
        2,
        "statement mode (speech, belief, intention, stance, evidence) and the whole source phrase",
        """
        DROP INDEX statements_article;  -- DuckDB alters no table that an index depends on
        ALTER TABLE statements ADD COLUMN mode VARCHAR NOT NULL DEFAULT 'speech';
        ALTER TABLE statements ADD COLUMN source_start INTEGER;
        ALTER TABLE statements ADD COLUMN source_end INTEGER;
        CREATE INDEX statements_article ON statements(article);
        """,
    ),
    (
        3,
        "labels: how each article characterizes each entity, and in whose voice",
        """
        CREATE TABLE labels (
            article VARCHAR NOT NULL,
            entity_local VARCHAR,
            entity VARCHAR,
            entity_text VARCHAR NOT NULL,
            label VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            voice VARCHAR NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            statement VARCHAR,
            speaker_local VARCHAR,
            speaker VARCHAR,
            speaker_text VARCHAR,
            assumption VARCHAR,
            extractor VARCHAR NOT NULL
        );
        CREATE INDEX labels_article ON labels(article);
        CREATE INDEX labels_entity ON labels(entity);
        """,
    ),
    (
        4,
        "figures: counts other than casualties (members, arrests, protesters), with their owner and range",
        """
        CREATE TABLE figures (
            article VARCHAR NOT NULL,
            measure VARCHAR NOT NULL,
            counted_text VARCHAR NOT NULL,
            action VARCHAR,
            owner_text VARCHAR,
            owner_local VARCHAR,
            owner VARCHAR,
            min BIGINT,
            max BIGINT,
            qualifier VARCHAR,
            figure_text VARCHAR NOT NULL,
            figure_start INTEGER,
            figure_end INTEGER,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            source VARCHAR NOT NULL,
            extractor VARCHAR NOT NULL
        );
        CREATE INDEX figures_article ON figures(article);
        """,
    ),
    (
        5,
        "loaded_terms: loaded or evaluative words and phrases, with their target and voice",
        """
        CREATE TABLE loaded_terms (
            article VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            lemma VARCHAR NOT NULL,
            word_class VARCHAR NOT NULL,
            category VARCHAR NOT NULL,
            voice VARCHAR NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            target_local VARCHAR,
            target VARCHAR,
            target_text VARCHAR,
            statement VARCHAR,
            speaker_local VARCHAR,
            speaker VARCHAR,
            speaker_text VARCHAR,
            extractor VARCHAR NOT NULL
        );
        CREATE INDEX loaded_terms_article ON loaded_terms(article);
        CREATE INDEX loaded_terms_target ON loaded_terms(target);
        """,
    ),
    (
        6,
        "each article's page furniture and main event; each story's incident",
        """
        ALTER TABLE articles ADD COLUMN furniture VARCHAR NOT NULL DEFAULT '[]';
        ALTER TABLE articles ADD COLUMN main_event VARCHAR;
        ALTER TABLE stories ADD COLUMN incident VARCHAR;
        """,
    ),
    (
        7,
        "articles that are only a feed's or a crawler's summary say so",
        """
        ALTER TABLE articles ADD COLUMN summary_only BOOLEAN NOT NULL DEFAULT false;
        """,
    ),
    (
        8,
        "casualty figures that say they count the attackers",
        """
        ALTER TABLE events ADD COLUMN killed_perpetrators INTEGER;
        ALTER TABLE events ADD COLUMN injured_perpetrators INTEGER;
        """,
    ),
    (
        9,
        "what event coreference compares of each event's trigger, read from the parse at extraction",
        """
        ALTER TABLE events ADD COLUMN coref VARCHAR;
        """,
    ),
    (
        10,
        "ongoing claims (states said to hold since some time), read from the parse at extraction",
        """
        CREATE TABLE ongoing_claims (
            article VARCHAR NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            cue VARCHAR NOT NULL,
            time_start INTEGER NOT NULL,
            time_end INTEGER NOT NULL,
            predicate VARCHAR NOT NULL,
            predicate_text VARCHAR NOT NULL,
            predicate_start INTEGER NOT NULL,
            predicate_end INTEGER NOT NULL,
            modifier VARCHAR,
            round_unit VARCHAR,
            round_plural BOOLEAN NOT NULL DEFAULT false,
            subject_start INTEGER,
            subject_end INTEGER,
            subject_head VARCHAR,
            subject_names VARCHAR NOT NULL DEFAULT '[]',
            object_names VARCHAR NOT NULL DEFAULT '[]',
            object_words VARCHAR NOT NULL DEFAULT '[]',
            extractor VARCHAR NOT NULL
        );
        CREATE INDEX ongoing_claims_article ON ongoing_claims(article);
        """,
    ),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]

# Per-article tables, in the order they are written; each row names its article.
ARTICLE_TABLES = ("mentions", "local_entities", "times", "statements", "events", "labels", "figures", "loaded_terms",
                  "ongoing_claims")
