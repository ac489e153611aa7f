include(GNUInstallDirs)
find_package(Threads REQUIRED)
# Boost.Date_Time and Boost.Math are header-only here. CONFIG mode: CMake >= 3.30 has no FindBoost,
# and every supported Boost (Debian's 1.74 and 1.83, cmeel's) ships BoostConfig.cmake.
find_package(Boost 1.74 CONFIG REQUIRED)
find_package(Eigen3 3.3 CONFIG REQUIRED NO_MODULE)
