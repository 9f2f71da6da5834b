# cmake -DINPUT=file -DOUTPUT=file.cc -P embed_text.cmake
# Writes a C++ source defining tidings::pipeline::DefaultFeedsOpml() that
# returns INPUT's bytes. Hex escapes keep any byte sequence safe.
file(READ ${INPUT} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${hex}")
# Split the literal every 4096 escapes to stay far from compiler limits.
string(LENGTH "${escaped}" length)
set(chunks "")
set(step 16384)
set(pos 0)
while(pos LESS length)
  string(SUBSTRING "${escaped}" ${pos} ${step} piece)
  string(APPEND chunks "    \"${piece}\"\n")
  math(EXPR pos "${pos} + ${step}")
endwhile()
file(WRITE ${OUTPUT}
"// Generated from ${INPUT} by cmake/embed_text.cmake. Do not edit.
#include <string_view>

namespace tidings::pipeline {

std::string_view DefaultFeedsOpml() {
  static constexpr char kData[] =
${chunks}    \"\";
  return std::string_view(kData, sizeof(kData) - 1);
}

}  // namespace tidings::pipeline
")
