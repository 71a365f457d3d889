# Writes a C++ source that holds every file of templates/ as a string, so the installed binary
# needs no data files. Run as: cmake -DDIR=... -DOUT=... -P embed_templates.cmake
# Optional: -DNS=namespace -DFN=function -DHEADER=include -DUNDER=subfolder (only its files).
if(NOT NS)
  set(NS pmo::cli)
endif()
if(NOT FN)
  set(FN embedded_template)
endif()
if(NOT HEADER)
  set(HEADER templates.hpp)
endif()
if(UNDER)
  file(GLOB_RECURSE files RELATIVE ${DIR} ${DIR}/${UNDER}/*.yaml)
else()
  file(GLOB_RECURSE files RELATIVE ${DIR} ${DIR}/*.yaml ${DIR}/*.md ${DIR}/*.mustache)
endif()
list(SORT files)
set(body "")
foreach(f ${files})
  file(READ ${DIR}/${f} text)
  string(FIND "${text}" ")PMOTPL\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${f} contains the raw-string delimiter")
  endif()
  string(APPEND body "      {\"${f}\", R\"PMOTPL(${text})PMOTPL\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from templates/ by cmake/embed_templates.cmake. Do not edit.
#include \"${HEADER}\"

#include <array>
#include <utility>

namespace ${NS} {

std::optional<std::string_view> ${FN}(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> k_templates[] = {
${body}  };
  for (const auto& [path, text] : k_templates)
    if (path == name)
      return text;
  return std::nullopt;
}

} // namespace ${NS}
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
