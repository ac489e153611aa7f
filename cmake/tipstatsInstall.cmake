include(CMakePackageConfigHelpers)
set(TIPSTATS_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/tipstats")

install(TARGETS tipstats EXPORT tipstatsTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/tipstats DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES "${PROJECT_BINARY_DIR}/include/tipstats/version.hpp"
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tipstats)
install(EXPORT tipstatsTargets NAMESPACE tipstats:: DESTINATION ${TIPSTATS_CMAKE_DIR})

configure_package_config_file(cmake/tipstatsConfig.cmake.in
  "${PROJECT_BINARY_DIR}/tipstatsConfig.cmake" INSTALL_DESTINATION ${TIPSTATS_CMAKE_DIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/tipstatsConfigVersion.cmake"
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/tipstatsConfig.cmake"
              "${PROJECT_BINARY_DIR}/tipstatsConfigVersion.cmake"
        DESTINATION ${TIPSTATS_CMAKE_DIR})
