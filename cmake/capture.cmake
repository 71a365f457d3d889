# Runs a program and writes what it prints on stdout to a file, failing the build when it fails:
# the completion scripts come from the built pmo. Run as:
#   cmake -DPROGRAM=... -DARGS="a|b" -DOUT=... -P capture.cmake
# ARGS are the program's arguments, separated by '|'.
string(REPLACE "|" ";" ARGS "${ARGS}")
execute_process(COMMAND ${PROGRAM} ${ARGS} OUTPUT_FILE ${OUT}.tmp RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUT}.tmp)
  message(FATAL_ERROR "${PROGRAM} ${ARGS} failed: ${rc}")
endif()
file(RENAME ${OUT}.tmp ${OUT})
