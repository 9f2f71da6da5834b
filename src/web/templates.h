// The site's mustache templates and its one stylesheet, compiled into the
// binary so that `tidings serve` needs no files beside it.
//
// Templates use {{name}} (HTML-escaped) for every value. The only triple
// brace is {{{body_html}}} in kArticle: article HTML that was sanitized
// upstream and is sanitized again by web::SanitizeHtml before rendering.
// Partials: {{>content}} (the page inside kLayout), {{>card}} (an article
// in a list), {{>pager}}, {{>scorebox}}.
#ifndef TIDINGS_WEB_TEMPLATES_H_
#define TIDINGS_WEB_TEMPLATES_H_

#include <string_view>

namespace tidings::web::templates {

// The page frame: head, masthead with navigation and search, footer with
// the render time. Expects the page template as partial "content".
extern const std::string_view kLayout;
// One article in a list (home, search, publisher pages).
extern const std::string_view kCard;
// Newer/older links for paginated lists.
extern const std::string_view kPager;
// A score with its breakdown table.
extern const std::string_view kScoreBox;

// Page bodies.
extern const std::string_view kHome;
extern const std::string_view kArticle;
extern const std::string_view kStory;
extern const std::string_view kStories;
extern const std::string_view kPublisher;
extern const std::string_view kPublishers;
extern const std::string_view kSearch;
extern const std::string_view kNotFound;
extern const std::string_view kError;

// /static/style.css.
extern const std::string_view kStyleCss;

}  // namespace tidings::web::templates

#endif  // TIDINGS_WEB_TEMPLATES_H_
