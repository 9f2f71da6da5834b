#include "web/templates.h"

namespace tidings::web::templates {

const std::string_view kLayout = R"TPL(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{page_title}}</title>
{{#meta_description}}<meta name="description" content="{{meta_description}}">
{{/meta_description}}<link rel="stylesheet" href="/static/style.css?v={{css_version}}">
<link rel="alternate" type="application/rss+xml" title="{{site_name}} (RSS)" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" title="{{site_name}} (Atom)" href="/atom.xml">
</head>
<body>
<header class="masthead">
<div class="wrap masthead-inner">
<a class="brand" href="/">{{site_name}}</a>
<nav class="nav" aria-label="Site">
<a href="/"{{#nav_latest}} aria-current="page"{{/nav_latest}}>Latest</a>
<a href="/stories"{{#nav_stories}} aria-current="page"{{/nav_stories}}>Stories</a>
<a href="/publishers"{{#nav_publishers}} aria-current="page"{{/nav_publishers}}>Publishers</a>
</nav>
<form class="search" action="/search" method="get" role="search">
<input type="search" name="q" value="{{query}}" placeholder="Search the news" aria-label="Search the news">
<button type="submit">Search</button>
</form>
</div>
</header>
<main class="wrap">
{{>content}}
</main>
<footer class="site-footer">
<div class="wrap">
<p><strong>{{site_name}}</strong> gathers reporting from publishers' own sites. Every article links to its original.</p>
<p class="muted">Page rendered <time datetime="{{rendered_iso}}">{{rendered_at}}</time> · <a href="/feed.xml">RSS</a> · <a href="/atom.xml">Atom</a> · <a href="/api/articles">JSON API</a></p>
</div>
</footer>
</body>
</html>
)TPL";

const std::string_view kCard =
    R"TPL(<article class="card{{#is_lead}} card-lead{{/is_lead}}">
<div class="meta">{{#category}}<a class="kicker" href="/?category={{category_q}}">{{category}}</a>{{/category}}<a class="publisher" href="/publisher/{{publisher_id}}">{{publisher}}</a>{{#edition_code}}<span class="edition-tag" title="{{edition}} edition">{{edition_code}}</span>{{/edition_code}}<span class="dot" aria-hidden="true">·</span><time datetime="{{iso}}" title="{{date}}">{{relative}}</time></div>
<h2 class="headline"><a href="/article/{{id}}">{{title}}</a></h2>
{{#snippet}}<p class="dek">{{snippet}}</p>
{{/snippet}}{{#coverage}}<p class="coverage"><a href="/story/{{story_id}}">{{coverage}}</a></p>
{{/coverage}}</article>
)TPL";

const std::string_view kPager =
    R"TPL({{#has_pager}}<nav class="pager" aria-label="Pages">
{{#prev_href}}<a rel="prev" href="{{prev_href}}">← Newer</a>{{/prev_href}}{{^prev_href}}<span class="disabled">← Newer</span>{{/prev_href}}
<span class="page-no">Page {{page}}</span>
{{#next_href}}<a rel="next" href="{{next_href}}">Older →</a>{{/next_href}}{{^next_href}}<span class="disabled">Older →</span>{{/next_href}}
</nav>
{{/has_pager}})TPL";

const std::string_view kScoreBox = R"TPL(<div class="score">
<span class="score-value">{{value}}</span>
<span class="score-label">{{label}}<span class="score-bar" aria-hidden="true"><span style="width:{{percent}}%"></span></span></span>
</div>
{{#has_rows}}<details class="breakdown">
<summary>How this score is made</summary>
<table>
{{#rows}}<tr><th scope="row">{{name}}</th><td>{{value}}</td></tr>
{{/rows}}</table>
</details>
{{/has_rows}})TPL";

const std::string_view kHome = R"TPL(<div class="page-head">
<h1>{{heading}}</h1>
<p class="dateline">{{dateline}}{{#filter_label}} · <a href="/">show all</a>{{/filter_label}}</p>
</div>
<div class="columns">
<section class="feed" aria-label="Articles">
{{#articles}}{{>card}}{{/articles}}
{{^articles}}<div class="empty">
<p>No articles yet.</p>
<p>Ingest a web archive with <code>tidings ingest FILE.warc.gz</code> or let the crawler fetch its feeds, then reload this page.</p>
</div>
{{/articles}}
{{>pager}}
</section>
<aside class="sidebar">
{{#has_stories}}<section class="box">
<h2>Developing stories</h2>
<ol class="story-list">
{{#stories}}<li><a href="/story/{{id}}">{{headline}}</a><span class="muted">{{article_count}} articles · {{publisher_count}} publishers</span></li>
{{/stories}}</ol>
<a class="more" href="/stories">All stories →</a>
</section>
{{/has_stories}}
{{#has_categories}}<section class="box">
<h2>Sections</h2>
<ul class="chips">
{{#categories}}<li><a href="/?category={{q}}">{{name}}</a></li>
{{/categories}}</ul>
</section>
{{/has_categories}}
<section class="box">
<h2>Follow</h2>
<p class="muted">Subscribe in any reader: <a href="/feed.xml">RSS</a> or <a href="/atom.xml">Atom</a>.</p>
</section>
</aside>
</div>
)TPL";

const std::string_view kArticle = R"TPL(<article class="article">
<header class="article-head">
<div class="kicker-line">{{#category}}<a class="kicker" href="/?category={{category_q}}">{{category}}</a>{{/category}}{{#edition}}<a class="edition" href="/?country={{edition_code_q}}">{{edition}} edition</a>{{/edition}}</div>
<h1>{{title}}</h1>
{{#standfirst}}<p class="standfirst">{{standfirst}}</p>
{{/standfirst}}<div class="byline">
{{#byline}}<span class="author">By {{byline}}</span>{{/byline}}
<a class="publisher" href="/publisher/{{publisher_id}}">{{publisher}}</a>{{#rank}}<span class="rank">#{{rank}} of {{rank_total}} in {{rank_country}}</span>{{/rank}}
<time datetime="{{iso}}">{{date}}</time>
</div>
{{#reading}}<p class="reading-time"><span class="clock" aria-hidden="true">◷</span> <strong>{{summary_time}} here</strong> / {{original_time}} at {{publisher}}</p>
{{/reading}}</header>
<div class="article-columns">
<div class="article-main">
{{#has_summary}}<section class="summary">
<h2>Summary</h2>
<ul>
{{#summary}}<li>{{text}}</li>
{{/summary}}</ul>
</section>
{{/has_summary}}{{^has_summary}}{{#has_lead}}<section class="summary">
<h2>In brief</h2>
{{#lead_paragraphs}}<p>{{text}}</p>
{{/lead_paragraphs}}</section>
{{/has_lead}}{{/has_summary}}
<section class="fulltext">
<h2>Full text</h2>
<div class="body">
{{{body_html}}}
</div>
</section>
{{#original_url}}<p class="original"><a href="{{original_url}}" rel="nofollow noopener noreferrer">Read the original at {{publisher}} →</a></p>
{{/original_url}}</div>
<aside class="sidebar">
{{#has_scores}}<section class="box scores">
<h2>Scores</h2>
{{#article_score}}{{>scorebox}}{{/article_score}}
{{#publisher_score}}{{>scorebox}}{{/publisher_score}}
</section>
{{/has_scores}}
{{#has_similar}}<section class="box">
<h2>Similar coverage</h2>
<ul class="similar">
{{#similar}}<li><a href="/article/{{id}}">{{title}}</a><span class="muted">{{publisher}} · {{relative}}</span></li>
{{/similar}}</ul>
{{#story_href}}<a class="more" href="{{story_href}}">The whole story →</a>{{/story_href}}
</section>
{{/has_similar}}
<section class="box">
<h2>Source</h2>
<p><a href="/publisher/{{publisher_id}}">{{publisher}}</a>{{#host}}<br><span class="muted">{{host}}</span>{{/host}}</p>
{{#word_count}}<p class="muted">{{word_count}} words{{#language}} · {{language}}{{/language}}</p>{{/word_count}}
</section>
</aside>
</div>
</article>
)TPL";

const std::string_view kStory = R"TPL(<article class="article story-page">
<header class="article-head">
<div class="kicker-line"><span class="kicker">Story</span>{{#category}}<a class="kicker" href="/?category={{category_q}}">{{category}}</a>{{/category}}</div>
<h1>{{headline}}</h1>
<div class="byline"><span>{{article_count}} articles from {{publisher_count}} publishers</span><span>First seen <time datetime="{{first_iso}}">{{first_seen}}</time></span><span>Updated {{updated_relative}}</span></div>
</header>
<div class="article-columns">
<div class="article-main">
{{#has_summary}}<section class="summary">
<h2>What we know</h2>
<ul>
{{#summary}}<li><a href="/article/{{article_id}}">{{text}}</a> <span class="source">{{publisher}}</span></li>
{{/summary}}</ul>
</section>
{{/has_summary}}
<section>
<h2 class="section-title">Timeline of coverage</h2>
<ol class="timeline">
{{#timeline}}<li><time datetime="{{iso}}">{{date}}</time><div class="tl-body"><a class="publisher" href="/publisher/{{publisher_id}}">{{publisher}}</a>{{#first}}<span class="badge">First report</span>{{/first}}<a class="tl-title" href="/article/{{id}}">{{title}}</a>{{#has_also}}<span class="tl-also">Also at {{#also}}<a href="/article/{{id}}">{{publisher}}</a> {{/also}}</span>{{/has_also}}</div></li>
{{/timeline}}</ol>
</section>
</div>
<aside class="sidebar">
<section class="box">
<h2>Publishers</h2>
<ul class="publishers">
{{#publishers}}<li><a href="/publisher/{{id}}">{{name}}</a><span class="muted">{{count}}</span></li>
{{/publishers}}</ul>
</section>
</aside>
</div>
</article>
)TPL";

const std::string_view kStories = R"TPL(<div class="page-head">
<h1>Stories</h1>
<p class="dateline">Events covered by several publishers, most recently updated first.</p>
</div>
<section class="story-grid">
{{#stories}}<article class="card">
<div class="meta">{{#category}}<span class="kicker">{{category}}</span>{{/category}}<time datetime="{{iso}}">Updated {{relative}}</time></div>
<h2 class="headline"><a href="/story/{{id}}">{{headline}}</a></h2>
<p class="coverage">{{article_count}} articles · {{publisher_count}} publishers</p>
</article>
{{/stories}}{{^stories}}<div class="empty"><p>No stories yet. Stories appear once articles about the same event have been grouped.</p></div>
{{/stories}}</section>
{{>pager}}
)TPL";

const std::string_view kPublisher = R"TPL(<div class="page-head">
<h1>{{name}}</h1>
<p class="dateline">{{host}}{{#edition}} · {{edition}} edition{{/edition}}{{#rank}} · #{{rank}} of {{rank_total}} in {{rank_country}}{{/rank}}</p>
</div>
<div class="columns">
<section class="feed" aria-label="Articles">
{{#articles}}{{>card}}{{/articles}}
{{^articles}}<div class="empty"><p>No articles from this publisher yet.</p></div>
{{/articles}}
{{>pager}}
</section>
<aside class="sidebar">
{{#publisher_score}}<section class="box scores">
<h2>Publisher score</h2>
{{>scorebox}}
</section>
{{/publisher_score}}
<section class="box">
<h2>Website</h2>
<p>{{#site_url}}<a href="{{site_url}}" rel="nofollow noopener noreferrer">{{host}}</a>{{/site_url}}</p>
</section>
</aside>
</div>
)TPL";

const std::string_view kPublishers = R"TPL(<div class="page-head">
<h1>Publishers</h1>
<p class="dateline">{{count}} sites, best scored first.</p>
</div>
<table class="listing">
<thead><tr><th scope="col">#</th><th scope="col">Publisher</th><th scope="col">Edition</th><th scope="col" class="num">Score</th></tr></thead>
<tbody>
{{#publishers}}<tr><td class="muted">{{position}}</td><td><a href="/publisher/{{id}}">{{name}}</a><br><span class="muted">{{host}}</span></td><td>{{edition}}</td><td class="num">{{score}}</td></tr>
{{/publishers}}</tbody>
</table>
{{^publishers}}<div class="empty"><p>No publishers yet.</p></div>
{{/publishers}})TPL";

const std::string_view kSearch = R"TPL(<div class="page-head">
<h1>Search</h1>
{{#result_text}}<p class="dateline">{{result_text}}</p>{{/result_text}}
</div>
<form class="search-big" action="/search" method="get" role="search">
<input type="search" name="q" value="{{query}}" placeholder="Words in the headline or text" aria-label="Search the news">
<button type="submit">Search</button>
</form>
<section class="feed" aria-label="Results">
{{#articles}}{{>card}}{{/articles}}
</section>
{{>pager}}
)TPL";

const std::string_view kNotFound = R"TPL(<div class="notfound">
<p class="code">404</p>
<h1>Page not found</h1>
<p>{{message}}</p>
<p><a href="/">Back to the latest news</a> or search for it:</p>
<form class="search-big" action="/search" method="get" role="search">
<input type="search" name="q" placeholder="Search the news" aria-label="Search the news">
<button type="submit">Search</button>
</form>
</div>
)TPL";

const std::string_view kError = R"TPL(<div class="notfound">
<p class="code">{{status}}</p>
<h1>{{heading}}</h1>
<p>{{message}}</p>
<p><a href="/">Back to the latest news</a></p>
</div>
)TPL";

const std::string_view kStyleCss = R"CSS(:root {
  --ink: #1b1b1b;
  --muted: #5f6368;
  --rule: #e3e1dc;
  --paper: #ffffff;
  --tint: #f6f4ef;
  --accent: #a4161a;
  --link: #0b4f8a;
  --serif: Georgia, "Times New Roman", "DejaVu Serif", serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 16px/1.5 var(--sans); }
a { color: var(--link); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
.wrap { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
.muted { color: var(--muted); }
code { font-size: .9em; background: var(--tint); padding: .1em .35em; border-radius: 3px; }

.masthead { border-bottom: 3px double var(--ink); background: var(--paper); }
.masthead-inner { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 28px; padding-top: 14px; padding-bottom: 14px; }
.brand { font: 700 30px/1 var(--serif); color: var(--ink); letter-spacing: -.5px; }
.brand:hover { text-decoration: none; color: var(--accent); }
.nav { display: flex; gap: 20px; font-size: 15px; font-weight: 600; }
.nav a { color: var(--ink); padding: 4px 0; border-bottom: 2px solid transparent; }
.nav a:hover, .nav a[aria-current="page"] { border-bottom-color: var(--accent); text-decoration: none; }
.search { display: flex; margin-left: auto; }
.search input, .search-big input { font: inherit; padding: 6px 10px; border: 1px solid #c9c6bf; border-right: 0; border-radius: 4px 0 0 4px; min-width: 0; width: 220px; background: #fff; }
.search button, .search-big button { font: inherit; font-size: 14px; font-weight: 600; padding: 6px 14px; border: 1px solid var(--ink); background: var(--ink); color: #fff; border-radius: 0 4px 4px 0; cursor: pointer; }

.page-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 6px 20px; border-bottom: 1px solid var(--ink); margin: 28px 0 8px; padding-bottom: 8px; }
.page-head h1 { font: 700 34px/1.15 var(--serif); margin: 0; }
.dateline { margin: 0; color: var(--muted); font-size: 14px; }

.columns { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 40px; }
.feed { min-width: 0; }
.card { padding: 18px 0; border-bottom: 1px solid var(--rule); }
.card:last-of-type { border-bottom: 0; }
.meta { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; font-size: 13px; color: var(--muted); }
.meta .publisher { color: var(--ink); font-weight: 600; }
.kicker { color: var(--accent); font-size: 12px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; }
.edition-tag { font-size: 11px; font-weight: 700; color: var(--muted); border: 1px solid var(--rule); border-radius: 3px; padding: 0 4px; text-transform: uppercase; }
.dot { color: #b0aca4; }
.headline { font: 700 22px/1.25 var(--serif); margin: 6px 0 6px; }
.headline a { color: var(--ink); }
.headline a:hover { color: var(--link); }
.card-lead .headline { font-size: 32px; line-height: 1.15; }
.card-lead .dek { font-size: 18px; }
.dek { margin: 0; color: #3c3c3c; font-family: var(--serif); font-size: 16px; line-height: 1.55; }
.coverage { margin: 8px 0 0; font-size: 13px; font-weight: 600; }
.coverage a::before { content: "▸ "; color: var(--accent); }

.sidebar { min-width: 0; }
.box { border-top: 3px solid var(--ink); padding: 12px 0 18px; margin-top: 18px; }
.box h2 { font: 700 13px/1.3 var(--sans); text-transform: uppercase; letter-spacing: .08em; margin: 0 0 10px; }
.box p { margin: 0 0 8px; }
.story-list { margin: 0; padding: 0 0 0 22px; }
.story-list li { margin: 0 0 12px; font: 600 16px/1.3 var(--serif); }
.story-list li a { color: var(--ink); }
.story-list .muted, .similar .muted, .publishers .muted { display: block; font: 12px/1.4 var(--sans); margin-top: 2px; }
.more { display: inline-block; font-size: 14px; font-weight: 600; margin-top: 4px; }
.chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
.chips a { display: inline-block; padding: 3px 10px; border: 1px solid var(--rule); border-radius: 999px; font-size: 13px; color: var(--ink); background: var(--tint); }

.pager { display: flex; justify-content: space-between; align-items: center; border-top: 1px solid var(--ink); margin-top: 12px; padding: 14px 0; font-weight: 600; font-size: 15px; }
.pager .disabled { color: #b0aca4; }
.page-no { color: var(--muted); font-weight: 400; }
.empty { background: var(--tint); padding: 24px; margin: 20px 0; border-radius: 4px; }

.article-head { max-width: 820px; margin: 30px 0 10px; }
.kicker-line { display: flex; flex-wrap: wrap; gap: 14px; margin-bottom: 8px; }
.edition { font-size: 12px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
.article-head h1 { font: 700 40px/1.12 var(--serif); margin: 0 0 12px; letter-spacing: -.3px; }
.standfirst { font: 20px/1.45 var(--serif); color: #333; margin: 0 0 14px; }
.byline { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 14px; color: var(--muted); border-top: 1px solid var(--rule); padding-top: 10px; }
.byline .publisher { font-weight: 700; color: var(--ink); }
.byline .author { color: var(--ink); }
.rank { font-size: 12px; background: var(--tint); border-radius: 3px; padding: 1px 6px; margin-left: 6px; }
.reading-time { margin: 12px 0 0; font-size: 14px; color: var(--muted); }
.reading-time strong { color: var(--ink); }
.article-columns { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 48px; }
.article-main { max-width: 720px; min-width: 0; }
.summary { background: var(--tint); border-left: 4px solid var(--accent); padding: 14px 22px 10px; margin: 22px 0; }
.summary h2, .fulltext h2, .section-title { font: 700 13px/1.3 var(--sans); text-transform: uppercase; letter-spacing: .08em; margin: 0 0 10px; color: var(--muted); }
.summary ul { margin: 0; padding-left: 20px; }
.summary li, .summary p { font: 18px/1.55 var(--serif); margin: 0 0 10px; }
.summary li a { color: var(--ink); }
.summary li a:hover { color: var(--link); }
.summary .source { font: 600 12px var(--sans); color: var(--muted); white-space: nowrap; }
.fulltext { margin-top: 28px; }
.body { font: 19px/1.65 var(--serif); overflow-wrap: break-word; }
.body p { margin: 0 0 1.1em; }
.body h2, .body h3, .body h4 { font-family: var(--serif); line-height: 1.25; margin: 1.4em 0 .5em; }
.body blockquote { margin: 1.2em 0; padding-left: 18px; border-left: 3px solid var(--rule); color: #444; }
.body table { border-collapse: collapse; font: 14px var(--sans); }
.body td, .body th { border: 1px solid var(--rule); padding: 4px 8px; }
.body pre { overflow-x: auto; font-size: 14px; background: var(--tint); padding: 12px; }
.original { margin: 26px 0 10px; }
.original a { display: inline-block; font-weight: 700; border: 2px solid var(--link); padding: 8px 16px; border-radius: 4px; }
.original a:hover { background: var(--link); color: #fff; text-decoration: none; }
.similar { list-style: none; margin: 0; padding: 0; }
.similar li { padding: 0 0 10px; margin: 0 0 10px; border-bottom: 1px solid var(--rule); font: 600 16px/1.3 var(--serif); }
.similar li:last-child { border-bottom: 0; }
.similar a { color: var(--ink); }
.score { display: flex; align-items: center; gap: 14px; margin: 6px 0 10px; }
.score-value { font: 700 30px/1 var(--serif); min-width: 56px; }
.score-label { flex: 1; font-size: 13px; color: var(--muted); }
.score-bar { display: block; height: 6px; background: var(--rule); border-radius: 3px; margin-top: 6px; overflow: hidden; }
.score-bar span { display: block; height: 100%; background: var(--accent); }
.breakdown { font-size: 13px; margin: 0 0 14px; }
.breakdown summary { cursor: pointer; color: var(--link); }
.breakdown table { width: 100%; border-collapse: collapse; margin-top: 6px; }
.breakdown th { text-align: left; font-weight: 400; color: var(--muted); padding: 3px 0; }
.breakdown td { text-align: right; font-variant-numeric: tabular-nums; padding: 3px 0; }
.breakdown tr + tr { border-top: 1px solid var(--rule); }

.timeline { list-style: none; margin: 0; padding: 0; border-left: 2px solid var(--rule); }
.timeline li { position: relative; padding: 0 0 18px 20px; }
.timeline li::before { content: ""; position: absolute; left: -6px; top: 6px; width: 10px; height: 10px; border-radius: 50%; background: var(--paper); border: 2px solid var(--accent); }
.timeline time { display: block; font-size: 13px; color: var(--muted); }
.tl-body .publisher { font-weight: 700; color: var(--ink); font-size: 14px; }
.tl-title { display: block; font: 600 18px/1.3 var(--serif); color: var(--ink); margin-top: 2px; }
.tl-also { display: block; font-size: 13px; color: var(--muted); }
.tl-also a { color: var(--muted); margin-right: 6px; }
.badge { display: inline-block; margin-left: 8px; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; color: #fff; background: var(--accent); padding: 1px 6px; border-radius: 3px; }
.publishers { list-style: none; margin: 0; padding: 0; }
.publishers li { display: flex; justify-content: space-between; gap: 8px; padding: 6px 0; border-bottom: 1px solid var(--rule); }
.publishers .muted { display: inline; }

.story-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 0 32px; }
.story-grid .card:last-of-type { border-bottom: 1px solid var(--rule); }
.listing { width: 100%; border-collapse: collapse; margin: 12px 0 30px; }
.listing th, .listing td { text-align: left; padding: 10px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; }
.listing thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); border-bottom: 1px solid var(--ink); }
.listing .num { text-align: right; font-variant-numeric: tabular-nums; }
.listing a { font-weight: 600; color: var(--ink); }

.search-big { display: flex; max-width: 560px; margin: 18px 0; }
.search-big input { flex: 1; width: auto; font-size: 17px; padding: 9px 12px; }
.notfound { max-width: 620px; margin: 60px auto; text-align: center; }
.notfound .code { font: 700 72px/1 var(--serif); color: var(--accent); margin: 0; }
.notfound h1 { font: 700 32px/1.2 var(--serif); }
.notfound .search-big { margin: 18px auto; }

.site-footer { border-top: 1px solid var(--ink); margin-top: 48px; padding: 18px 0 30px; font-size: 14px; background: var(--tint); }
.site-footer p { margin: 0 0 6px; }

@media (max-width: 900px) {
  .columns, .article-columns { grid-template-columns: minmax(0, 1fr); gap: 0; }
  .article-head h1 { font-size: 30px; }
  .card-lead .headline { font-size: 26px; }
  .search { margin-left: 0; width: 100%; }
  .search input { flex: 1; }
}
@media (max-width: 520px) {
  .wrap { padding: 0 14px; }
  .brand { font-size: 26px; }
  .page-head h1 { font-size: 28px; }
  .headline { font-size: 20px; }
  .body { font-size: 18px; }
}
)CSS";

}  // namespace tidings::web::templates
