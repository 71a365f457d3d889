# The architecture as a test (cmake -DROOT=<source dir> -P layering.cmake): each third-party
# library is included only in its folder, and the domain model does no I/O. Fails naming every
# file and include that breaks a rule.

set(failures "")

# rule(<regex of an include line> <folders allowed, relative to ROOT>...)
function(rule include_regex)
  set(allowed ${ARGN})
  file(GLOB_RECURSE sources RELATIVE ${ROOT} ${ROOT}/core/*.hpp ${ROOT}/core/*.cpp ${ROOT}/cli/*.hpp
       ${ROOT}/cli/*.cpp ${ROOT}/tests/*.hpp ${ROOT}/tests/*.cpp ${ROOT}/bench/*.cpp)
  foreach(source ${sources})
    file(STRINGS ${ROOT}/${source} hits REGEX "^[ \t]*#[ \t]*include[ \t]*${include_regex}")
    if(NOT hits)
      continue()
    endif()
    set(ok FALSE)
    foreach(prefix ${allowed})
      string(FIND "${source}" "${prefix}" at)
      if(at EQUAL 0)
        set(ok TRUE)
      endif()
    endforeach()
    if(NOT ok)
      list(JOIN allowed ", " where)
      foreach(hit ${hits})
        string(STRIP "${hit}" hit)
        list(APPEND failures "${source}: ${hit} (allowed only in: ${where})")
      endforeach()
      set(failures "${failures}" PARENT_SCOPE)
    endif()
  endforeach()
endfunction()

rule("<git2" core/pmo/git/ bench/)
rule("<yaml-cpp/" core/pmo/codec/ tests/unit/test_codec_ tests/fuzz/ bench/)
rule("<yaml\\.h>" core/pmo/codec/)
rule("<utf8proc" core/pmo/report/)
rule("<nlohmann/" core/pmo/report/ cli/ tests/unit/test_report_)
rule("<CLI/" cli/)
rule("[<\"]commands\\.hpp" cli/)

# The domain model is free of I/O: no files, no streams, no git, no store, no codec.
file(GLOB model_sources RELATIVE ${ROOT} ${ROOT}/core/pmo/model/*)
foreach(source ${model_sources})
  file(STRINGS ${ROOT}/${source} hits
       REGEX "^[ \t]*#[ \t]*include[ \t]*(<(fstream|filesystem|iostream|cstdio|unistd\\.h|fcntl\\.h)>|<pmo/(git|store|codec|ledger|write|journal|report)/)")
  foreach(hit ${hits})
    string(STRIP "${hit}" hit)
    list(APPEND failures "${source}: ${hit} (the domain model does no I/O)")
  endforeach()
endforeach()

list(LENGTH failures count)
if(count GREATER 0)
  list(JOIN failures "\n" text)
  message(FATAL_ERROR "${count} include(s) break the layering:\n${text}")
endif()
message(STATUS "layering holds")
